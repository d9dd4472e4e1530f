package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.glassbox.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InspectTest {
    private FakeApi api;
    private Cli cli;

    @BeforeEach
    void setUp() {
        api = new FakeApi();
        cli = new Cli(api, () -> 0L);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Labels", new LinkedHashMap<>(Map.of("k", "v")));
        config.put("Env", List.of("A=1", "B=2"));
        config.put("Cmd", null);
        config.put("ExposedPorts", Map.of());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", "running");
        state.put("Running", true);
        state.put("Pid", 42);
        state.put("Cpu", 1.5);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Id", "abc");
        c.put("Args", List.of());
        c.put("Config", config);
        c.put("State", state);
        c.put("Name", "/web");
        c.put("Script", "a && b <c>");
        c.put("NetworkSettings", Map.of("IPAddress", "172.17.0.2"));
        api.inspectContainerResult = c;
    }

    private Result docker(String... args) {
        return cli.execute(Arrays.asList(args), null);
    }

    @Test
    void jsonIsIndentedLikeGoMarshalIndent() {
        String expected = """
                [
                    {
                        "Id": "abc",
                        "Args": [],
                        "Config": {
                            "Labels": {
                                "k": "v"
                            },
                            "Env": [
                                "A=1",
                                "B=2"
                            ],
                            "Cmd": null,
                            "ExposedPorts": {}
                        },
                        "State": {
                            "Status": "running",
                            "Running": true,
                            "Pid": 42,
                            "Cpu": 1.5
                        },
                        "Name": "/web",
                        "Script": "a \\u0026\\u0026 b \\u003cc\\u003e",
                        "NetworkSettings": {
                            "IPAddress": "172.17.0.2"
                        }
                    }
                ]
                """;
        Result r = docker("inspect", "web");
        assertEquals(expected, r.out());
        assertEquals(0, r.exitStatus());
    }

    @Test
    void fallsBackToImagesThenReportsNoSuchObject() {
        api.inspectContainerResult = null;
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("Id", "sha256:1");
        image.put("RepoTags", List.of("nginx:latest"));
        api.inspectImages.put("nginx", image);
        Result r = docker("inspect", "nginx", "ghost");
        assertEquals("[\n    {\n        \"Id\": \"sha256:1\",\n        \"RepoTags\": [\n            \"nginx:latest\"\n        ]\n    }\n]\n",
                r.out());
        assertEquals("Error: No such object: ghost\n", r.err());
        assertEquals(1, r.exitStatus());
        assertEquals(List.of("inspectContainer nginx", "inspectImage nginx", "inspectContainer ghost", "inspectImage ghost"),
                api.calls);
    }

    @Test
    void nothingFoundPrintsAnEmptyArray() {
        api.inspectContainerResult = null;
        Result r = docker("inspect", "ghost");
        assertEquals("[]\n", r.out());
        assertEquals("Error: No such object: ghost\n", r.err());
        Result typed = docker("container", "inspect", "ghost");
        assertEquals("Error: No such container: ghost\n", typed.err());
        assertEquals(List.of("inspectContainer ghost", "inspectImage ghost", "inspectContainer ghost"), api.calls);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", value = {
        "{{.State.Status}}=>running",
        "{{.NetworkSettings.IPAddress}}=>172.17.0.2",
        "{{.Id}}=>abc",
        "ip={{.NetworkSettings.IPAddress}}!=>ip=172.17.0.2!",
        "{{json .Config}}=>{\"Labels\":{\"k\":\"v\"},\"Env\":[\"A=1\",\"B=2\"],\"Cmd\":null,\"ExposedPorts\":{}}",
        "{{json .Script}}=>\"a \\u0026\\u0026 b \\u003cc\\u003e\"",
        "{{index .Config.Labels \"k\"}}=>v",
        "{{index .Config.Labels \"nope\"}}=>''",
        "{{range .Config.Env}}{{.}} {{end}}=>'A=1 B=2 '",
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}{{end}}=>k=v",
        "{{range $i, $e := .Config.Env}}{{$i}}:{{$e}};{{end}}=>0:A=1;1:B=2;",
        "{{.Missing}}=><no value>",
        "{{.Config.Cmd}}=><no value>",
        "{{.Config.Env}}=>[A=1 B=2]",
        "{{.State}}=>map[Cpu:1.5 Pid:42 Running:true Status:running]",
        "{{if .State.Running}}up{{else}}down{{end}}=>up",
        "{{if .Config.Cmd}}cmd{{else}}none{{end}}=>none",
        "{{with .State}}{{.Pid}}{{end}}=>42",
        "{{.Name | upper}}=>/WEB",
        "{{lower \"ABC\"}} {{len .Config.Env}}=>abc 2",
        "{{join .Config.Env \",\"}}=>A=1,B=2",
        "{{printf \"%s-%d\" .Name .State.Pid}}=>/web-42",
        "{{eq .State.Status \"running\"}}=>true",
        "a {{- \" b \" -}} c=>a b c",
        "{{/* comment */}}x=>x",
        "{{range .Args}}x{{else}}empty{{end}}=>empty"})
    void formatTemplates(String format, String expected) {
        Result r = docker("inspect", "-f", format, "web");
        assertEquals(expected + "\n", r.out(), r.err());
        assertEquals(0, r.exitStatus());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{foo}}|template: :1: function \"foo\" not defined",
        "{{.Foo|template: :1: unclosed action",
        "{{range .A}}|template: :1: unexpected EOF",
        "{{end}}|template: :1: unexpected {{end}}"})
    void templateParseErrors(String source, String message) {
        Template.TemplateException e = assertThrows(Template.TemplateException.class, () -> Template.parse(source));
        assertEquals(message, e.getMessage());
    }

    @Test
    void templateErrorsNameTheLine() {
        Template.TemplateException e = assertThrows(Template.TemplateException.class, () -> Template.parse("x\n{{bar .A}}"));
        assertEquals("template: :2: function \"bar\" not defined", e.getMessage());
    }

    @Test
    void aParenthesizedPipelinesValueHasItsFieldsRead() {
        assertEquals("running true\n", docker("inspect", "-f", "{{(.State).Status}} {{(index . \"State\").Running}}", "web").out());
        Result spaced = docker("inspect", "-f", "{{(index . \"State\") .Name}}", "web");
        assertEquals(1, spaced.exitStatus(), "with a space the field is an argument, as in Go");
    }

    @Test
    void templateExecutionErrorsExitOne() {
        Result r = docker("inspect", "-f", "{{.Name.Foo}}", "web");
        assertEquals(1, r.exitStatus());
        assertEquals("template: :1: executing \"\" at <.Name.Foo>: can't evaluate field Foo in type string\n", r.err());
    }

    @Test
    void goJsonHandlesNestingAndNumbers() {
        List<Object> nested = new ArrayList<>();
        nested.add(List.of());
        nested.add(Map.of());
        nested.add(1e21);
        nested.add(100.0);
        assertEquals("[\n    [],\n    {},\n    1e+21,\n    100\n]", GoJson.indent(nested));
        assertEquals("[[],{},1e+21,100]", GoJson.compact(nested));
    }
}
