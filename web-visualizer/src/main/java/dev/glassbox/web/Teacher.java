package dev.glassbox.web;

import dev.glassbox.trace.TraceJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.lab.Lesson;
import dev.glassbox.lab.LessonProgress;
import dev.glassbox.lab.Lessons;
import dev.glassbox.lab.StudentProgress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The teacher's view of a classroom: every session's progress in the labs, behind a token made when
 * the server starts (printed with the teacher page's address, never stored). A student on one step for
 * longer than {@code stuckAfter} is marked stuck.
 */
final class Teacher {
    private final String token;
    private final Duration stuckAfter;

    Teacher(Duration stuckAfter) {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.token = HexFormat.of().formatHex(b);
        this.stuckAfter = stuckAfter;
    }

    String token() {
        return token;
    }

    /** Whether an {@code Authorization: Bearer …} header carries the token (compared in constant time). */
    boolean allows(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    /** One row per session: who, which lesson and step, for how long, stuck or not, hints taken, lessons finished. */
    ObjectNode overview(List<SavedSession> sessions, Lessons lessons, long now) {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        o.put("stuckAfterSeconds", stuckAfter.toSeconds());
        ArrayNode rows = o.putArray("sessions");
        for (SavedSession s : sessions) {
            StudentProgress p = s.progress();
            ObjectNode r = rows.addObject();
            r.put("label", s.name().isEmpty() ? "session " + s.watchId().substring(0, 6) : s.name());
            r.put("classroom", s.classroom());
            r.put("finished", p.lessons().values().stream().filter(LessonProgress::finished).count());
            r.put("idleSeconds", Math.max(0, (now - s.lastUsedMillis()) / 1000));
            Lesson l = p.current() == null ? null : lessons.find(p.current());
            LessonProgress lp = l == null ? null : p.of(l.id());
            if (lp == null) {
                r.putNull("lesson");
                continue;
            }
            r.put("lesson", l.id());
            r.put("lessonTitle", l.title());
            r.put("step", lp.step());
            r.put("steps", l.steps().size());
            r.put("stepTitle", l.steps().get(Math.min(lp.step(), l.steps().size()) - 1).title());
            r.put("lessonFinished", lp.finished());
            long onStep = Math.max(0, (now - lp.stepSinceMillis()) / 1000);
            r.put("secondsOnStep", onStep);
            r.put("stuck", !lp.finished() && onStep > stuckAfter.toSeconds());
            r.put("hints", lp.hints());
        }
        return o;
    }
}
