package org.socketlab.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.opentest4j.TestAbortedException;
import org.socketlab.net.Transport;

/**
 * Steps about packets on the wire and about a second host. Where tcpdump or network namespaces are not
 * available, these steps are skipped with the reason (Cucumber reports a TestAbortedException as skipped).
 */
public final class WireSteps {
    private final LabWorld world;

    public WireSteps(LabWorld world) {
        this.world = world;
    }

    private void requireCapture() {
        world.lab().wireUnavailable().ifPresent(reason -> {
            throw new TestAbortedException("no packet trace: " + reason);
        });
    }

    @Then("the server's host answers the SYN with a RST")
    public void synAnsweredByRst() {
        requireCapture();
        world.lab().expectSynAnsweredByRst();
    }

    @Then("an ICMP port unreachable comes back")
    public void icmpPortUnreachable() {
        requireCapture();
        world.lab().expectIcmpPortUnreachable();
    }

    @Then("no ICMP message comes back")
    public void noIcmp() {
        requireCapture();
        world.lab().expectNoIcmp();
    }

    @Then("no UDP reply crosses the wire")
    public void noUdpReply() {
        requireCapture();
        world.lab().expectNoUdpReply();
    }

    @Then("a packet on the wire carries {string}")
    public void packetCarries(String text) {
        requireCapture();
        world.lab().expectOnWire(text);
    }

    @Given("a second host")
    public void secondHost() {
        org.socketlab.lab.LabScenario.secondHostUnavailable().ifPresent(reason -> {
            throw new TestAbortedException("no second host: " + reason);
        });
        world.lab().addSecondHost();
    }

    @Given("a {transport} uppercase server on the second host on port {int}")
    public void serverOnSecondHost(Transport transport, int port) {
        world.lab().startServerOnSecondHost(transport, port, false);
    }

    @Given("a {transport} uppercase server on the second host bound to its loopback on port {int}")
    public void loopbackServerOnSecondHost(Transport transport, int port) {
        world.lab().startServerOnSecondHost(transport, port, true);
    }

    @Given("the second host's firewall drops {transport} port {int}")
    public void firewallDrops(Transport transport, int port) {
        requireFirewall();
        world.lab().secondHostFirewall(transport, port, "DROP");
    }

    @Given("the second host's firewall rejects {transport} port {int}")
    public void firewallRejects(Transport transport, int port) {
        requireFirewall();
        world.lab().secondHostFirewall(transport, port, "REJECT");
    }

    private static void requireFirewall() {
        org.socketlab.lab.LabScenario.secondHostFirewallUnavailable().ifPresent(reason -> {
            throw new TestAbortedException("no firewall on the second host: " + reason);
        });
    }

    @When("the {transport} client sends {string} to port {int} on the second host")
    public void sendToSecondHost(Transport transport, String sentence, int port) {
        world.lab().sendToSecondHost(transport, port, sentence);
    }
}
