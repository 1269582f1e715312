@points=1
Feature: Question (b) - run the UDP client before the UDP server
  Suppose you run UDPClient before you run UDPServer. What happens? Why?

  Scenario: The server comes up before the sentence is sent: it works
    UDP sets up no connection, so the client can open its socket and wait at its prompt with no server
    anywhere. What matters is only whether a server is bound to the port when the datagram arrives. This is
    the textbook's answer: starting the UDP client first is harmless.

    Given the UDP client is started for port 12000
    And a UDP uppercase server on port 12000
    When the client sends "asmaa gamal nagy"
    Then the client receives "ASMAA GAMAL NAGY"

  Scenario: The sentence is sent before any server exists: the datagram is lost
    The datagram reaches a port where nothing listens. The server's host drops it and answers with an ICMP
    "port unreachable" message, but Linux does not report that message to an unconnected UDP socket such as the
    seed's client: the packet trace shows the ICMP message arriving, yet the socket is never told. The client
    therefore waits for a reply that never comes: the seed's client, which has no
    timeout, would block in recvfrom() forever; ours gives up after its timeout. Starting the server later
    does not help: the datagram is gone, and UDP never sends it again.

    Other systems: Windows does report the ICMP message to unconnected UDP sockets, which is why the seed's run
    failed in recvfrom() with ConnectionResetError [WinError 10054] (Microsoft KB Q260018). Java on Windows
    switches that report off for unconnected sockets, so a Java client blocks there as on Linux. macOS, like
    Linux, reports it only to connected sockets.

    Given no server on UDP port 12000
    When the UDP client sends "asmaa gamal nagy" to port 12000
    Then the client gets no reply within 2 seconds
    And no UDP reply crosses the wire
    And an ICMP port unreachable comes back

  Scenario: A connected UDP client learns at once that nothing listens
    connect() on a UDP socket sends nothing; it only fixes the peer's address, and with it Linux passes the ICMP
    "port unreachable" message on to the socket. The next receive fails at once (Java:
    PortUnreachableException; Python: ConnectionRefusedError), within a millisecond instead of a timeout.

    Other systems: macOS behaves the same for connected sockets; Windows reports the ICMP message whether or not
    the socket is connected (WinError 10054).

    Given no server on UDP port 12000
    When the connected UDP client sends "asmaa gamal nagy" to port 12000
    Then the client fails with port unreachable
    And an ICMP port unreachable comes back
