package org.socketlab.steps;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import org.socketlab.net.Outcome;
import org.socketlab.net.Transport;

/**
 * Part 1's steps: uppercase servers and clients over UDP and TCP, and Part 2's line server. Each step is one
 * call into {@link org.socketlab.lab.LabScenario}; the wording is the glossary in {@code features/README.md}.
 */
public final class SocketSteps {
    private final LabWorld world;

    public SocketSteps(LabWorld world) {
        this.world = world;
    }

    @ParameterType("UDP|TCP")
    public Transport transport(String name) {
        return Transport.valueOf(name);
    }

    @ParameterType("connection refused|port unreachable|connection reset|no reply|connect timeout|truncated reply"
            + "|port in use|port out of range|unknown host|permission denied|I/O error")
    public Outcome outcome(String phrase) {
        return Outcome.ofPhrase(phrase);
    }

    @Given("the lab host is {string}")
    public void labHost(String host) {
        world.lab().useHost(host);
    }

    @Given("clients wait {int} second(s) for a reply")
    public void clientsWait(int seconds) {
        world.lab().clientTimeout(Duration.ofSeconds(seconds));
    }

    @Given("clients wait {int} ms for a reply")
    public void clientsWaitMillis(int millis) {
        world.lab().clientTimeout(Duration.ofMillis(millis));
    }

    @Given("a {transport} uppercase server on port {int}")
    public void server(Transport transport, int port) {
        world.lab().startServer(transport, port);
    }

    @When("another {transport} uppercase server tries to start on port {int}")
    public void anotherServer(Transport transport, int port) {
        world.lab().tryStartServer(transport, port);
    }

    @Given("no server on {transport} port {int}")
    public void noServer(Transport transport, int port) {
        world.lab().expectNoServer(transport, port);
    }

    @Given("a line-printing server on port {int}")
    public void lineServer(int port) {
        world.lab().startLineServer(port);
    }

    @Given("the {transport} client is started for port {int}")
    public void clientStarted(Transport transport, int port) {
        world.lab().startClient(transport, port, false);
    }

    @Given("the connected UDP client is started for port {int}")
    public void connectedClientStarted(int port) {
        world.lab().startClient(Transport.UDP, port, true);
    }

    @When("the {transport} client sends {string} to port {int}")
    public void clientSends(Transport transport, String sentence, int port) {
        world.lab().send(transport, port, sentence, false);
    }

    @When("the connected UDP client sends {string} to port {int}")
    public void connectedClientSends(String sentence, int port) {
        world.lab().send(Transport.UDP, port, sentence, true);
    }

    @When("the client sends {string}")
    public void startedClientSends(String sentence) {
        world.lab().clientSends(sentence);
    }

    @When("a TCP client sends these lines to port {int}:")
    public void sendLines(int port, String lines) {
        world.lab().sendLines(port, List.of(lines.split("\r?\n", -1)));
    }

    @Then("the client receives {string}")
    public void clientReceives(String reply) {
        world.lab().expectReply(reply);
    }

    @Then("the client prints {string}")
    public void clientPrints(String line) {
        world.lab().expectClientPrints(line);
    }

    @Then("socket-lab's client prints {string}")
    public void ownClientPrints(String line) {
        world.lab().expectOwnClientPrints(line);
    }

    @Then("the client fails with {outcome}")
    public void clientFails(Outcome outcome) {
        world.lab().expectClientFails(outcome);
    }

    @Then("the client gets no reply within {int} second(s)")
    public void noReplyWithin(int seconds) {
        world.lab().expectNoReplyWithin(Duration.ofSeconds(seconds));
    }

    @Then("the server fails with {outcome}")
    public void serverFails(Outcome outcome) {
        world.lab().expectServerFails(outcome);
    }

    @Then("the server prints {string}")
    public void serverPrints(String line) {
        world.lab().expectServerPrints(line);
    }

    @Then("the server prints these lines:")
    public void serverPrintsLines(String lines) {
        world.lab().expectServerPrintsLines(List.of(lines.split("\r?\n", -1)));
    }
}
