package org.socketlab.steps;

import io.cucumber.java.ParameterType;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import org.opentest4j.TestAbortedException;
import org.socketlab.http.PageLoad;
import org.socketlab.lab.BrowserLab;

/** Part 2's steps: a browser loads the lab page through the logging proxy; what did the loads send? */
public final class BrowserSteps {
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");
    private final LabWorld world;

    public BrowserSteps(LabWorld world) {
        this.world = world;
    }

    @ParameterType("first|second|third|fourth")
    public Integer ordinal(String word) {
        return ORDINALS.indexOf(word) + 1;
    }

    @ParameterType("plain GETs answered 200|conditional GETs answered 304|no request at all")
    public BrowserLab.LoadKind loadKind(String phrase) {
        return BrowserLab.LoadKind.ofPhrase(phrase);
    }

    @Given("the lab origin sends {string}")
    public void originSends(String header) {
        String prefix = "Cache-Control:";
        if (!header.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new IllegalArgumentException("write the header as \"Cache-Control: no-cache\", not \"" + header + "\"");
        }
        world.browser().cacheControl(header.substring(prefix.length()).trim());
    }

    @Given("the lab origin sends no Cache-Control")
    public void originSendsNoCacheControl() {
        world.browser().cacheControl(null);
    }

    @Given("Chromium as the browser")
    public void chromium() {
        world.browser().useChromium().ifPresent(reason -> {
            world.lab().recorder().note("Skipped: " + reason);
            throw new TestAbortedException("Chromium is not available: " + reason);
        });
    }

    @Given("the caching client as the browser")
    public void cachingClient() {
        world.browser().useCachingClient();
    }

    @When("the browser uses the line-printing server on port {int} as its proxy")
    public void browseThroughLineServer(int port) {
        world.browser().browseThroughLineServer(port);
    }

    @When("the browser loads the page")
    public void loadOnce() {
        world.browser().expectLoaded(world.browser().loadPage());
    }

    @When("the browser loads the page twice")
    public void loadTwice() {
        loadOnce();
        loadOnce();
    }

    @Then("the {ordinal} load sends {loadKind}")
    public void loadSends(Integer load, BrowserLab.LoadKind kind) {
        world.browser().expectLoadKind(world.browser().load(load), kind);
    }

    @Then("the {ordinal} load's requests carry {string}")
    public void loadCarries(Integer load, String header) {
        PageLoad page = world.browser().load(load);
        world.browser().expectHeader(page, header);
    }
}
