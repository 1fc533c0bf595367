package io.posmortem.report;

import io.posmortem.model.Numbers;

/** {@link Explanation} for a terminal: per build, HOW (an indented derivation tree) then WHY-NOT. */
public final class ExplanationRenderer {
    private ExplanationRenderer() {}

    public static String render(Explanation e) {
        StringBuilder out = new StringBuilder();
        out.append("posmortem ").append(e.version()).append(" explain - ").append(e.input()).append('\n');
        for (Explanation.BuildExplanation b : e.builds()) {
            out.append("\n== ").append(b.build()).append(": ").append(b.verdict())
                    .append(b.hypothesis() == null ? "" : " " + b.hypothesis() + " (" + Numbers.fixed(b.confidence(), 2) + ")").append('\n');
            out.append("\nHOW\n");
            if (b.how() == null) out.append("  no conclusion was derived\n");
            else node(out, b.how(), "  ");
            out.append("\nWHY NOT\n");
            for (Explanation.NearMiss m : b.whyNot()) {
                out.append('\n');
                TextRenderer.wrap(out, "  ", m.hypothesis() + " (" + m.title() + "): " + m.status() + ", " + m.requirement());
                if (m.against().isEmpty() && m.support().isEmpty()) {
                    TextRenderer.wrap(out, "    ", "nothing spoke for or against it" + (m.ask() == null ? "" : "; to decide: " + m.ask()));
                }
                for (Reason r : m.against()) {
                    TextRenderer.wrap(out, "    - ", r.text() + " [" + r.rule() + ", " + Numbers.format(r.weight()) + "]");
                    for (String basis : r.basis()) TextRenderer.wrap(out, "        <- ", basis);
                }
                for (Reason r : m.support()) TextRenderer.wrap(out, "    + ", r.text() + " [" + r.rule() + ", +" + Numbers.format(r.weight()) + "]");
            }
        }
        return out.toString();
    }

    private static void node(StringBuilder out, Explanation.Node n, String indent) {
        String head = n.fact() + " " + n.description() + (n.seeAbove() ? " (derived above)" : "");
        TextRenderer.wrap(out, indent, head);
        if (n.rule() != null) TextRenderer.wrap(out, indent + "  ", "by " + n.rule() + ": " + n.text());
        for (Explanation.Node c : n.children()) node(out, c, indent + "  | ");
    }
}
