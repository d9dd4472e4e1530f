package dev.glassbox.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import dev.glassbox.client.MemoryWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading the compose file: where it is found, .env and interpolation, the project's name, and Compose's errors. */
class ComposeFileTest {
    private Engine engine;
    private MemoryWorkspace files;

    @BeforeEach
    void start() {
        engine = Engine.sim();
        files = new MemoryWorkspace("/home/student");
        engine.workspace(files);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Result fails(String line) {
        Result r = engine.run(line);
        assertEquals(1, r.exitStatus(), line + "\n" + r.text());
        assertEquals("", r.out());
        return r;
    }

    private String config(String line) {
        Result r = engine.run(line);
        assertEquals(0, r.exitStatus(), r.text());
        return r.out();
    }

    @Test
    void withoutAFileComposeSaysNoneWasProvided() {
        assertEquals("no configuration file provided: not found\n", fails("docker compose up -d").err());
        assertEquals("no configuration file provided: not found\n", fails("docker compose ps").err());
        assertEquals("open /home/student/other.yml: no such file or directory\n", fails("docker compose -f other.yml config").err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "services:\\n  web:\\n    imagee: nginx|validating /home/student/compose.yaml: services.web additional properties 'imagee' not allowed",
        "services:\\n  web:\\n    image: nginx\\n    ports: 80|validating /home/student/compose.yaml: services.web.ports must be a array",
        "servics:\\n  web:\\n    image: nginx|validating /home/student/compose.yaml:  additional properties 'servics' not allowed",
        "services:\\n  web:\\n    image: nginx\\n    depends_on: [db]|service \"web\" depends on undefined service \"db\": invalid compose project",
        "services:\\n  web:\\n    image: nginx\\n    volumes: ['data:/d']|service \"web\" refers to undefined volume data: invalid compose project",
        "services:\\n  web:\\n    image: nginx\\n    networks: [front]|service \"web\" refers to undefined network front: invalid compose project",
        "services:\\n  web:\\n    command: ls|service \"web\" has neither an image nor a build context specified: invalid compose project",
        "services:\\n  a:\\n    image: x\\n    depends_on: [b]\\n  b:\\n    image: x\\n    depends_on: [a]|dependency cycle detected: a -> b -> a",
        "services:\\n  web:\\n    image: ${TAG:?set TAG first}|required variable TAG is missing a value: set TAG first",
        "services:\\n  web:\\n    image: nginx\\n    depends_on:\\n      db:\\n        condition: healthy\\n  db:\\n    image: x|"
                + "validating /home/student/compose.yaml: services.web.depends_on.db.condition value must be one of \"service_started\", \"service_healthy\", \"service_completed_successfully\"",
        "services:\\n  web:\\n    image: nginx\\n    cap_add: [NET_ADMIN]|glassbox: services.web.cap_add is not supported yet",
        "services:\\n  web:\\n    image: nginx\\n   ports: [80]|yaml: line 4: did not find expected key",
        "services:\\n  web:\\n    image: nginx\\n    scale: 3|glassbox: services.web.scale other than 1 is not supported yet",
        "services:\\n  web:\\n    image: nginx\\n    pull_policy: always|glassbox: services.web.pull_policy always is not supported yet",
        "''|empty compose file"})
    void badFilesGetComposesMessage(String yaml, String message) {
        files.put("compose.yaml", yaml.replace("\\n", "\n"));
        Result r = fails("docker compose config");
        assertEquals(message + "\n", r.err());
    }

    @Test
    void theFileIsFoundInAParentDirectoryAndTheProjectIsNamedAfterItsDirectory() {
        MemoryWorkspace deep = new MemoryWorkspace("/home/student/My_App.v2/src");
        deep.put("/home/student/My_App.v2/docker-compose.yml", "services:\n  web:\n    image: nginx\n");
        engine.workspace(deep);
        assertTrue(config("docker compose config").startsWith("name: my_appv2\n"));
        assertTrue(config("docker compose -p other config").startsWith("name: other\n"));
        assertEquals("invalid project name \"My App\": must consist only of lowercase alphanumeric characters, hyphens, and underscores"
                + " as well as start with a letter or number\n", fails("docker compose -p 'My App' config").err());
    }

    @Test
    void theTopLevelNameWinsOverTheDirectory() {
        files.put("compose.yaml", "name: shop\nservices:\n  web:\n    image: nginx\n");
        assertTrue(config("docker compose config").startsWith("name: shop\n"));
    }

    @Test
    void dotEnvAndDefaultsAreInterpolatedAndUnsetVariablesWarned() {
        files.put(".env", "# versions\nTAG=7.4\nexport PORT=8081\nGREETING=\"hi there\"\n");
        files.put("compose.yaml", """
                services:
                  cache:
                    image: redis:${TAG}
                    ports: ["${PORT}:6379"]
                    environment:
                      - GREETING
                      - MODE=${MODE:-dev}
                      - COST=$$5
                      - EMPTY=${MISSING}
                """);
        Result r = engine.run("docker compose config");
        assertEquals("WARN[0000] The \"MISSING\" variable is not set. Defaulting to a blank string.\n", r.err());
        assertEquals("""
                name: student
                services:
                  cache:
                    environment:
                      COST: $5
                      EMPTY: ""
                      GREETING: hi there
                      MODE: dev
                    image: redis:7.4
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        target: 6379
                        published: "8081"
                        protocol: tcp
                networks:
                  default:
                    name: student_default
                """, r.out());
    }

    @Test
    void configWritesShortFormsLongAndPathsAbsolute() {
        files.put("app/web.env", "FROM_FILE=1\nSHARED=file\n");
        files.put("app/compose.yaml", """
                services:
                  web:
                    build: ./src
                    image: shop/web
                    command: nginx -g 'daemon off;'
                    env_file: web.env
                    environment:
                      SHARED: inline
                    expose: [8080]
                    volumes:
                      - ./html:/usr/share/nginx/html:ro
                      - /var/cache/nginx
                    ports: ["127.0.0.1:8000-8001:80-81/udp"]
                    restart: unless-stopped
                    depends_on:
                      db:
                        condition: service_started
                    healthcheck:
                      test: wget -q -O /dev/null http://localhost/
                      interval: 10s
                      retries: 3
                  db:
                    image: postgres
                    networks:
                      back:
                        aliases: [database]
                networks:
                  back:
                    external: true
                    name: shared
                """);
        assertEquals("""
                name: app
                services:
                  db:
                    image: postgres
                    networks:
                      back:
                        aliases:
                          - database
                  web:
                    build:
                      context: /home/student/app/src
                      dockerfile: Dockerfile
                    command:
                      - nginx
                      - -g
                      - daemon off;
                    depends_on:
                      db:
                        condition: service_started
                        required: true
                    environment:
                      FROM_FILE: "1"
                      SHARED: inline
                    expose:
                      - "8080"
                    healthcheck:
                      test:
                        - CMD-SHELL
                        - wget -q -O /dev/null http://localhost/
                      interval: 10s
                      retries: 3
                    image: shop/web
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        host_ip: 127.0.0.1
                        target: 80
                        published: "8000"
                        protocol: udp
                      - mode: ingress
                        host_ip: 127.0.0.1
                        target: 81
                        published: "8001"
                        protocol: udp
                    restart: unless-stopped
                    volumes:
                      - type: bind
                        source: /home/student/app/html
                        target: /usr/share/nginx/html
                        read_only: true
                        bind:
                          create_host_path: true
                      - type: volume
                        target: /var/cache/nginx
                        volume: {}
                networks:
                  back:
                    name: shared
                    external: true
                  default:
                    name: app_default
                """, config("docker compose -f app/compose.yaml config"));
        assertEquals("db\nweb\n", config("docker compose -f app/compose.yaml config --services"));
    }

    @Test
    void aMissingEnvFileIsComposesError() {
        files.put("compose.yaml", "services:\n  web:\n    image: nginx\n    env_file: [web.env]\n");
        assertEquals("env file /home/student/web.env not found: stat /home/student/web.env: no such file or directory\n",
                fails("docker compose config").err());
    }

    @Test
    void theObsoleteVersionIsWarnedAndIgnored() {
        files.put("compose.yaml", "version: '3.8'\nservices:\n  web:\n    image: nginx\n");
        Result r = engine.run("docker compose config --services");
        assertEquals("web\n", r.out());
        assertEquals("WARN[0000] /home/student/compose.yaml: the attribute `version` is obsolete, it will be ignored, please remove it"
                + " to avoid potential confusion\n", r.err());
    }

    @Test
    void unknownCommandsAndFlagsAreOneLine() {
        files.put("compose.yaml", "services:\n  web:\n    image: nginx\n");
        Result unknown = engine.run("docker compose frobnicate");
        assertEquals(1, unknown.exitStatus());
        assertEquals("unknown docker command: \"compose frobnicate\"\n", unknown.err(), "after Compose's help on stdout");
        assertEquals("unknown flag: --detached\n", fails("docker compose up --detached").err());
        assertEquals("unknown shorthand flag: 'x' in -x\n", fails("docker compose ps -x").err());
        assertEquals("glassbox: 'docker compose attach' is not supported yet\n", fails("docker compose attach web").err());
        assertEquals("no such service: api\n", fails("docker compose ps api").err());
        assertEquals("Docker Compose version v2.36.2\n", config("docker compose version"));
    }

    @Test
    void aServiceWithProfilesIsLeftOutUnlessItsProfileIsChosen() {
        files.put("compose.yaml", "services:\n  web:\n    image: nginx\n  debug:\n    image: busybox\n    profiles: [tools]\n");
        assertEquals("web\n", config("docker compose config --services"));
        assertEquals("glassbox: --profile is not supported yet\n", fails("docker compose --profile tools config").err());
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolvedAndYesStaysAString() {
        files.put("compose.yaml", """
                x-common: &common
                  image: busybox
                  environment:
                    DEBUG: yes
                    ON: "true"
                services:
                  web:
                    <<: *common
                    command: [sleep, "300"]
                  worker: *common
                """);
        assertEquals("""
                name: student
                services:
                  web:
                    command:
                      - sleep
                      - "300"
                    environment:
                      DEBUG: "yes"
                      "ON": "true"
                    image: busybox
                    networks:
                      default: null
                  worker:
                    environment:
                      DEBUG: "yes"
                      "ON": "true"
                    image: busybox
                    networks:
                      default: null
                networks:
                  default:
                    name: student_default
                """, config("docker compose config"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        files.put("compose.yaml", "services:\n  web:\n    image: nginx\n    image: redis\n");
        assertEquals("yaml: line 4: found duplicate key image\n", fails("docker compose config").err());
    }
}
