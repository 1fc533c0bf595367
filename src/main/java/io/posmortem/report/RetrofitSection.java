package io.posmortem.report;

import io.posmortem.model.Numbers;
import io.posmortem.model.input.Retrofit;
import io.posmortem.model.knowledge.RetrofitKind;

/** What was changed in the build: the retrofit kind from the knowledge base and the stated factor, base and contexts. */
final class RetrofitSection {
    private RetrofitSection() {}

    static RetrofitView build(RetrofitKind kind, Retrofit retrofit, int trainedContext, int targetContext) {
        return new RetrofitView(kind.id(), kind.title(), kind.loose(), Numbers.round(retrofit.factor()),
                retrofit.newBase(), trainedContext, targetContext, retrofit.description());
    }
}
