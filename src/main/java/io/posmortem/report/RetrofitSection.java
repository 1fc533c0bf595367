package io.posmortem.report;

import io.posmortem.model.BuildCase;
import io.posmortem.model.BuildSpec;
import io.posmortem.model.Numbers;
import io.posmortem.model.RetrofitKind;

/** What was changed in the build: the retrofit kind from the knowledge base and the stated factor, base and contexts. */
final class RetrofitSection {
    private RetrofitSection() {}

    static RetrofitView build(RetrofitKind kind, BuildSpec spec, BuildCase buildCase) {
        return new RetrofitView(kind.id(), kind.title(), kind.loose(), Numbers.round(spec.retrofit().factor()),
                spec.retrofit().newBase(), buildCase.trainedContext(), buildCase.targetContext(), spec.retrofit().description());
    }
}
