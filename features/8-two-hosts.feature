Feature: Beyond one machine - client and server on two hosts
  The assignment runs client and server on one computer, over loopback. What changes when they are on two
  hosts? Here the second host is a network namespace of this machine with its own address, joined to it by a
  virtual Ethernet link (veth), made for the scenario and removed after it.

  Scenario: A server bound to 127.0.0.1 cannot be reached from another host
    127.0.0.1 is each host's own loopback address: a server bound to it accepts connections only from programs on
    its own host. The client's SYN arrives on the second host's link address, where nothing listens, and is
    answered with a reset, exactly as if no server ran at all. This is why the seed's servers bind '' (every
    interface) and why socket-lab's servers take --bind 0.0.0.0 to be reached from elsewhere.

    Given a second host
    And a TCP uppercase server on the second host bound to its loopback on port 12000
    When the TCP client sends "asmaa" to port 12000 on the second host
    Then the client fails with connection refused
    And the server's host answers the SYN with a RST

  Scenario: The same server bound to the host's address answers
    Bound to the address of its link, the server accepts connections that arrive over it.

    Given a second host
    And a TCP uppercase server on the second host on port 12000
    When the TCP client sends "asmaa" to port 12000 on the second host
    Then the client receives "ASMAA"

  Scenario: A firewall that drops packets makes the client wait
    A firewall rule that DROPs the SYN discards it silently: no reset, no ICMP message comes back, so the
    client cannot tell a dropped packet from a slow network and keeps retransmitting the SYN until its own
    timeout. Without one, Linux gives up after about two minutes (tcp_syn_retries = 6).

    Given a second host
    And a TCP uppercase server on the second host on port 12000
    And the second host's firewall drops TCP port 12000
    And clients wait 1 second for a reply
    When the TCP client sends "asmaa" to port 12000 on the second host
    Then the client fails with connect timeout
    And no ICMP message comes back

  Scenario: A firewall that rejects packets refuses at once
    A REJECT rule answers the SYN with an ICMP "port unreachable" message, which the client's TCP treats like a
    reset: the connection is refused at once. Rejecting is polite and fast; dropping hides that anything is there.

    Given a second host
    And a TCP uppercase server on the second host on port 12000
    And the second host's firewall rejects TCP port 12000
    When the TCP client sends "asmaa" to port 12000 on the second host
    Then the client fails with connection refused
    And an ICMP port unreachable comes back
