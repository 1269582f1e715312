package org.socketlab.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import org.socketlab.programs.ProgramSettings;
import io.cucumber.java.Scenario;
import org.socketlab.lab.BrowserLab;
import org.socketlab.lab.LabScenario;
import org.socketlab.lab.ObservationBoard;

/**
 * The state one scenario's steps share, injected by picocontainer into every step class: the scenario's
 * {@link LabScenario}, recording under the test case id so the report plugin finds the observations, and for
 * Part 2 a {@link BrowserLab} on top of it.
 */
public final class LabWorld {
    private LabScenario lab;
    private BrowserLab browser;

    /**
     * Publishes, for the report's cover, the programs that play each role and whether scenarios get lab hosts,
     * also when Cucumber runs without the JUnit suite (its command line); the suite checked the settings first.
     */
    @BeforeAll
    public static void publishTheSetup() {
        ProgramSettings settings = ProgramSettings.current();
        LabScenario.Isolation isolation = LabScenario.isolation();
        ObservationBoard.updateSetup(setup -> setup.withPrograms(settings.programInfos())
                .withIsolation(isolation.summary(), isolation.note()));
        // Said once, on the console as on the cover.
        System.err.println("socket-lab: " + isolation.summary()
                + (isolation.note() == null ? "" : "\n  " + isolation.note()));
    }

    @Before(order = 0)
    public void open(Scenario scenario) {
        lab = new LabScenario(ObservationBoard.recorder(scenario.getId()));
    }

    @After(order = Integer.MAX_VALUE)
    public void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    public LabScenario lab() {
        return lab;
    }

    public BrowserLab browser() {
        if (browser == null) {
            browser = new BrowserLab(lab);
        }
        return browser;
    }
}
