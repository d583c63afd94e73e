package io.pitaya.it.remotes;

import io.pitaya.api.PitayaException;
import io.pitaya.api.pipeline.AfterContext;
import io.pitaya.api.pipeline.AfterRemote;
import io.pitaya.api.pipeline.BeforeContext;
import io.pitaya.api.pipeline.BeforeRemote;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Remote hooks of the test application: refuse negative sums, note every call in the ledger. */
@ApplicationScoped
public class RemoteAudit implements BeforeRemote, AfterRemote {

    @Inject
    Ledger ledger;

    @Override
    public void beforeRemote(BeforeContext context) {
        if (context.argument() instanceof Scores.Sum sum && (sum.a() < 0 || sum.b() < 0)) {
            throw new PitayaException("SUM-1", "negative sums are refused");
        }
        ledger.note("before " + context.route() + " " + context.callType() + " session=" + context.session());
    }

    @Override
    public void afterRemote(AfterContext context) {
        ledger.note("after " + context.method() + (context.failed() ? " failed" : " ok"));
    }
}
