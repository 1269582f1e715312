package org.socketlab.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;

/**
 * The generic steps: any program an instructor names with {@code lab.program.NAME}, and raw datagrams or bytes,
 * for scenarios the uppercase vocabulary does not know. Each step is one call into
 * {@link org.socketlab.lab.NamedPrograms}; the wording is the glossary in {@code features/README.md}.
 */
public final class ProgramSteps {
    private final LabWorld world;

    public ProgramSteps(LabWorld world) {
        this.world = world;
    }

    @Given("the program {string} runs in the background")
    public void inBackground(String name) {
        world.lab().programs().start(name, "");
    }

    @Given("the program {string} runs in the background with {string}")
    public void inBackgroundWith(String name, String arguments) {
        world.lab().programs().start(name, arguments);
    }

    @When("the program {string} runs")
    public void runs(String name) {
        world.lab().programs().run(name, "");
    }

    @When("the program {string} runs with {string}")
    public void runsWith(String name, String arguments) {
        world.lab().programs().run(name, arguments);
    }

    @When("{string} is typed into the program {string}")
    public void typed(String line, String name) {
        world.lab().programs().type(name, line);
    }

    @Then("the program {string} prints {string}")
    public void prints(String name, String text) {
        world.lab().programs().expectPrints(name, text);
    }

    @Then("the program {string} exits with status {int}")
    public void exitsWith(String name, int status) {
        world.lab().programs().expectExitStatus(name, status);
    }

    @Then("the program {string} ends within {int} ms")
    public void endsWithin(String name, int millis) {
        world.lab().programs().expectEndsWithin(name, Duration.ofMillis(millis));
    }

    @When("the datagram {string} is sent to port {int}")
    public void datagram(String text, int port) {
        world.lab().programs().sendDatagram(text, world.lab().realPort(port), Duration.ofSeconds(2));
    }

    @When("the bytes {string} are sent over TCP to port {int}")
    public void tcpBytes(String text, int port) {
        world.lab().programs().sendOverTcp(text.replace("\\r", "\r").replace("\\n", "\n"),
                world.lab().realPort(port), Duration.ofSeconds(2));
    }

    @Then("the reply is {string}")
    public void reply(String text) {
        world.lab().programs().expectReply(text);
    }

    @Then("no reply comes")
    public void noReply() {
        world.lab().programs().expectNoReply();
    }
}
