Feature: Lab hosts for a student who is not root
  The run is made by user nobody, with no capabilities: each scenario still gets a lab host of its own, its
  packets are captured there, and a second host can be made beside it.

  Scenario: The UDP programs on a lab host of their own
    Given a UDP uppercase server on port 12000
    When the UDP client sends "asmaa" to port 12000
    Then the client receives "ASMAA"

  Scenario: A TCP client refused by a second host where nothing listens
    Given a second host
    When the TCP client sends "asmaa" to port 12000 on the second host
    Then the client fails with connection refused
    And the server's host answers the SYN with a RST

  Scenario: A server on the second host answers
    Given a second host
    And a TCP uppercase server on the second host on port 12000
    When the TCP client sends "asmaa" to port 12000 on the second host
    Then the client receives "ASMAA"
