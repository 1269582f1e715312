@points=1
Feature: Question (a) - run the TCP client before the TCP server
  Suppose you run TCPClient before you run TCPServer. What happens? Why?

  Scenario: The TCP client is refused at once, before it asks for a sentence
    The client's first act is connect(): its SYN reaches a port where nothing listens, and the server's host
    answers with a reset (RST). The connection is refused at once (ECONNREFUSED; Java's ConnectException,
    Python's ConnectionRefusedError), so the client stops before it ever shows its prompt: no connection, no
    sentence. TCP cannot send anything until a connection is set up, and setting one up needs a listening server.

    Other systems: on Windows the same refusal is WinError 10061 ("the target machine actively refused it"), as
    in the seed's screenshot; Windows retries the SYN for about two seconds before giving up, even on loopback.
    macOS refuses at once, like Linux.

    Given no server on TCP port 12000
    When the TCP client sends "asmaa gamal nagy" to port 12000
    Then the client fails with connection refused
    And socket-lab's client prints "error: nothing is listening on 127.0.0.1:12000/tcp; the host refused the connection request (SYN) with a reset (RST), or a firewall rejected it"
    And the server's host answers the SYN with a RST
