@points=1
Feature: Question (c) - client and server on different port numbers
  What happens if you use different port numbers for the client and server sides?

  Scenario: The UDP server listens on 4000, the client sends to 12000
    A port number names the program on a host. The client's datagram goes to port 12000, where nothing listens;
    the server on port 4000 never sees it. As in question (b), the unconnected client hears nothing back and
    gives up after its timeout.

    Other systems: on Windows the seed's client failed with ConnectionResetError [WinError 10054], the ICMP
    "port unreachable" reported to an unconnected socket.

    Given a UDP uppercase server on port 4000
    And no server on UDP port 12000
    When the UDP client sends "asmaa" to port 12000
    Then the client gets no reply within 2 seconds

  Scenario: The connected UDP client to the wrong port is told so at once
    The same mistake, with a connected socket: the ICMP "port unreachable" reaches the client, which fails at
    once instead of waiting.

    Given a UDP uppercase server on port 4000
    When the connected UDP client sends "asmaa" to port 12000
    Then the client fails with port unreachable

  Scenario: The TCP server listens on 5000, the client connects to 12000
    The client's SYN goes to port 12000, where nothing listens, and is answered with a reset: the connection is
    refused, exactly as when no server runs at all (question (a)). The server on port 5000 is never contacted.

    Other systems: Windows shows WinError 10061, as in the seed's screenshot.

    Given a TCP uppercase server on port 5000
    And no server on TCP port 12000
    When the TCP client sends "asmaa" to port 12000
    Then the client fails with connection refused
    And the server's host answers the SYN with a RST
