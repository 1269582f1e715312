@points=1
Feature: Part 1 - the TCP uppercase client and server
  Run the TCP server, then the TCP client, and type a lowercase sentence: the server answers with the sentence
  in upper case, and the client prints "From Server:" before it.

  Scenario: The TCP client gets its sentence back in upper case
    The client first sets up a connection (the three-way handshake: SYN, SYN-ACK, ACK), and only then asks for
    the sentence. The sentence travels as a byte stream over that connection; the server writes the upper-case
    text back on the same connection and closes it.

    Given a TCP uppercase server on port 12000
    When the TCP client sends "asmaa gamal nagy" to port 12000
    Then the client receives "ASMAA GAMAL NAGY"
    And the client prints "From Server: ASMAA GAMAL NAGY"
    And the server prints "The server is ready to receive"

  Scenario: A TCP server started on a port already in use does not start
    Two programs cannot listen on the same TCP port of the same address: the second bind fails with
    "Address already in use", and the program says which port, instead of a traceback.

    Given a TCP uppercase server on port 12000
    When another TCP uppercase server tries to start on port 12000
    Then the server fails with port in use
