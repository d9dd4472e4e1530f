package dev.glassbox.web;

import dev.glassbox.trace.TraceJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.lab.Lab;
import dev.glassbox.lab.LabShell;
import dev.glassbox.lab.Lesson;
import dev.glassbox.lab.LessonProgress;
import dev.glassbox.lab.StudentProgress;

/** The labs of a session as the lesson pane reads them: the curriculum with the student's progress, and the step being worked on. */
final class LabJson {
    private LabJson() {}

    static ObjectNode of(LabShell shell) {
        ObjectNode o = TraceJson.JSON.createObjectNode();
        StudentProgress p = shell.progress();
        ArrayNode lessons = o.putArray("lessons");
        for (Lesson l : shell.lessons().all()) {
            LessonProgress lp = p.of(l.id());
            ObjectNode one = lessons.addObject();
            one.put("id", l.id());
            one.put("number", shell.lessons().number(l));
            one.put("title", l.title());
            one.put("summary", l.summary());
            one.put("steps", l.steps().size());
            one.put("finished", lp != null && lp.finished());
            one.put("step", lp == null ? 0 : lp.step());
        }
        o.put("prompt", shell.prompt());
        Lab lab = shell.lab();
        if (lab == null) {
            o.putNull("lesson");
            return o;
        }
        ObjectNode lesson = o.putObject("lesson");
        lesson.put("id", lab.lesson().id());
        lesson.put("number", shell.lessons().number(lab.lesson()));
        lesson.put("title", lab.lesson().title());
        lesson.put("finished", lab.finished());
        Lab.StepView v = lab.view();
        ObjectNode step = lesson.putObject("step");
        step.put("number", v.number());
        step.put("of", v.of());
        step.put("title", v.title());
        step.put("text", v.text());
        step.put("refused", v.refused());
        step.put("done", v.done());
        step.put("hintsShown", v.hintsShown());
        step.put("hints", v.hintsTotal());
        step.set("commands", TraceJson.JSON.valueToTree(v.commands()));
        ArrayNode goals = step.putArray("goals");
        for (Lab.GoalView g : v.goals()) {
            ObjectNode one = goals.addObject();
            one.put("id", g.id());
            one.put("text", g.describe());
            one.put("met", g.met());
            one.put("missing", g.missing());
        }
        if (v.quiz() == null) {
            step.putNull("quiz");
        } else {
            ObjectNode q = step.putObject("quiz");
            q.put("question", v.quiz().question());
            q.set("choices", TraceJson.JSON.valueToTree(v.quiz().choices()));
            q.put("answered", v.answered());
        }
        return o;
    }
}
