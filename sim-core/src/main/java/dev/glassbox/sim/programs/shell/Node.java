package dev.glassbox.sim.programs.shell;

import java.util.List;

/** The shell's syntax tree. Words stay as written (quotes included); the expander interprets them. */
sealed interface Node {
    record Simple(List<String> assigns, List<String> words, List<Redir> redirs, int line) implements Node {}

    record Pipeline(List<Node> stages, boolean negate) implements Node {}

    record AndOr(Node left, boolean and, Node right) implements Node {}

    record Item(Node node, boolean background) {}

    record Seq(List<Item> items) implements Node {}

    record If(List<Node> conds, List<Node> thens, Node otherwise) implements Node {}

    record Loop(Node cond, Node body, boolean until) implements Node {}

    /** {@code words} is null for {@code for x; do} (loop over "$@"). */
    record For(String var, List<String> words, Node body, int line) implements Node {}

    record Arm(List<String> patterns, Node body) {}

    record Case(String word, List<Arm> arms, int line) implements Node {}

    record Group(Node body) implements Node {}

    record Subshell(Node body) implements Node {}

    record Redirected(Node body, List<Redir> redirs) implements Node {}

    record FuncDef(String name, Node body) implements Node {}

    /** {@code op} is one of > >> < << >& <& <> &>; {@code here} only for {@code <<}. */
    record Redir(int fd, String op, String target, HereDoc here) {}

    /** A here-document: its body arrives after the line holding the redirection. */
    final class HereDoc {
        final String delimiter;
        final boolean stripTabs;
        final boolean quoted;
        String body = "";

        HereDoc(String delimiter, boolean stripTabs, boolean quoted) {
            this.delimiter = delimiter;
            this.stripTabs = stripTabs;
            this.quoted = quoted;
        }
    }
}
