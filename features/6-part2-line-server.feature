Feature: Part 2 - a TCP server that prints every line a client sends
  Write a simple TCP program for a server that accepts lines of input from a client and prints the lines onto
  the server's standard output.

  Scenario: The server prints each line the client sends
    The server accepts the connection and reads the byte stream, printing each line as it arrives, prefixed
    with the client's address and port. Unlike the seed's server, which reads once (recv(1024)) and closes, it
    keeps reading until the client closes, so nothing after the first 1,024 bytes is lost and several clients
    can be served at once.

    Given a line-printing server on port 2000
    When a TCP client sends these lines to port 2000:
      """
      GET http://lab.test/ HTTP/1.1
      Host: lab.test
      If-None-Match: "v1"
      """
    Then the server prints these lines:
      """
      GET http://lab.test/ HTTP/1.1
      Host: lab.test
      If-None-Match: "v1"
      """
