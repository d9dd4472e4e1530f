package dev.glassbox.sim.programs.curl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glassbox.Engine;
import dev.glassbox.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** curl as Alpine's package installs it, against nginx on a user network: output, headers and curl's numbered errors. */
class CurlTest {
    private Engine e;

    @BeforeEach
    void start() {
        e = Engine.sim();
        assertEquals(0, e.run("docker network create lab").exitStatus());
        assertEquals(0, e.run("docker run -d --name web --network lab nginx").exitStatus());
        assertEquals(0, e.run("docker run --name base --network lab alpine apk add -q curl").exitStatus());
        assertEquals(0, e.run("docker commit base withcurl").exitStatus());
    }

    @AfterEach
    void stop() {
        e.close();
    }

    private Result curl(String args) {
        return e.run("docker run --rm --network lab withcurl sh -c '" + args + "'");
    }

    @Test
    void theMeterGoesToStderrWhenTheBodyDoesNotGoToATerminal() {
        Result r = curl("curl http://web/");
        assertEquals(0, r.exitStatus());
        assertTrue(r.out().contains("<h1>Welcome to nginx!</h1>"), r.out());
        assertEquals("""
                  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                                 Dload  Upload   Total   Spent    Left  Speed
                100   651  100   651    0     0   635k      0 --:--:-- --:--:-- --:--:--  635k
                """, r.err());
        assertEquals("", curl("curl -s web").err());
    }

    @Test
    void headersAndWriteOut() {
        Result head = curl("curl -sI web");
        assertTrue(head.out().startsWith("HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\n"), head.out());
        assertTrue(head.out().contains("\r\nContent-Length: 651\r\n"), head.out());
        assertTrue(head.out().endsWith("\r\n\r\n"), head.out());
        assertEquals("404\n", curl("curl -s -o /dev/null -w \"%{http_code}\\n\" web/nope").out());
        assertEquals("651 /tmp/page\n", curl("curl -s -o /tmp/page web/ && wc -c /tmp/page").out());
    }

    @Test
    void failuresAreCurlsNumberedErrors() {
        Result notFound = curl("curl -sSf web/nope");
        assertEquals("curl: (22) The requested URL returned error: 404\n", notFound.err());
        assertEquals(22, notFound.exitStatus());
        Result silent = curl("curl -sf web/nope");
        assertEquals("", silent.err());
        assertEquals(22, silent.exitStatus());
        Result refused = curl("curl -sS web:81");
        assertEquals("curl: (7) Failed to connect to web port 81 after 0 ms: Couldn't connect to server\n", refused.err());
        assertEquals(7, refused.exitStatus());
        Result unknown = curl("curl nohost");
        assertEquals("curl: (6) Could not resolve host: nohost\n", unknown.err());
        assertEquals(6, unknown.exitStatus());
        Result noUrl = curl("curl");
        assertEquals(2, noUrl.exitStatus());
        Result badOption = curl("curl --frob web");
        assertEquals("curl: option --frob: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
                badOption.err());
        assertEquals(2, badOption.exitStatus());
    }

    @Test
    void verboseShowsTheConversation() {
        Result v = curl("curl -sv -o /dev/null web/");
        assertTrue(v.err().startsWith("* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: 172.18.0.2\n"
                + "*   Trying 172.18.0.2:80...\n* Connected to web (172.18.0.2) port 80\n* using HTTP/1.x\n"
                + "> GET / HTTP/1.1\n> Host: web\n> User-Agent: curl/8.11.0\n> Accept: */*\n> \n"
                + "* Request completely sent off\n< HTTP/1.1 200 OK\n"), v.err());
        assertTrue(v.err().endsWith("< \n* Connection #0 to host web left intact\n"), v.err());
    }
}
