package org.socketlab.report.glue;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.socketlab.model.Event;
import org.socketlab.lab.ObservationBoard;
import org.socketlab.lab.ScenarioRecorder;

/**
 * Glue for {@code LabReportPluginTest}'s tiny features only. Its hook is tagged, and its step texts start with
 * "the report test", so that a suite scanning all of {@code org.socketlab} for glue is not affected by it.
 */
public class ReportPluginSteps {
    private ScenarioRecorder recorder;
    private String reply;

    @Before("@report-plugin-test")
    public void remember(Scenario scenario) {
        recorder = ObservationBoard.recorder(scenario.getId());
    }

    @Given("the report test sends {string}")
    public void sends(String sentence) {
        recorder.transcript("client").type(sentence);
        recorder.transcript("client").readLine("Input lowercase sentence:");
        recorder.event("client", "server", Event.Kind.DATA, "\"" + sentence + "\"");
        reply = sentence.toUpperCase(Locale.ROOT);
        recorder.transcript("client").println(reply);
        recorder.event("server", "client", Event.Kind.REPLY, "\"" + reply + "\"");
    }

    @Given("the report test sends {string} with a body:")
    public void sendsWithBody(String sentence, String body) {
        sends(sentence);
        recorder.note("body of " + body.length() + " characters");
    }

    @Then("the report test sees {string}")
    public void sees(String expected) {
        if (!recorder.check("the client prints \"" + expected + "\"", reply, expected.equals(reply))) {
            throw new AssertionError("expected " + expected + " but the client printed " + reply);
        }
    }

    @Then("the report test fails with {string}")
    public void fails(String message) {
        throw new AssertionError(message);
    }

    @Given("the report test skips because {string}")
    public void skips(String reason) {
        Assumptions.abort(reason);
    }
}
