package dev.glassbox.image;


import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ImageRefProperties {
    @Property
    void parseOfToStringGivesTheSameReference(@ForAll("refs") ImageRef ref) {
        if (!ImageRef.parse(ref.toString()).equals(ref)) {
            throw new AssertionError(ref + " parsed back as " + ImageRef.parse(ref.toString()));
        }
    }

    @Property
    void familiarFormParsesToTheSameReference(@ForAll("refs") ImageRef ref) {
        if (!ImageRef.parse(ref.familiar()).equals(ref)) {
            throw new AssertionError(ref.familiar() + " parsed back as " + ImageRef.parse(ref.familiar()));
        }
    }

    @Provide
    Arbitrary<ImageRef> refs() {
        Arbitrary<String> component = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8)
                .map(s -> Character.isLetterOrDigit(s.charAt(0)) ? s : "a" + s);
        Arbitrary<String> path = component.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
        Arbitrary<String> domain = Arbitraries.of("docker.io", "localhost:5000", "registry.example.com", "ghcr.io");
        Arbitrary<String> tag = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('.', '-', '_').ofMinLength(1).ofMaxLength(10)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)) || s.charAt(0) == '_').injectNull(0.3);
        Arbitrary<Digest> digest = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(Digest::new).injectNull(0.7);
        return Combinators.combine(domain, path, tag, digest).as((d, p, t, g) -> {
            String full = d.equals("docker.io") && !p.contains("/") ? "library/" + p : p;
            return new ImageRef(d, full, t, g);
        });
    }
}
