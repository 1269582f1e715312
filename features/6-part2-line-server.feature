@points=1
Feature: Part 2 - a TCP server that prints every line a client sends
  Write a simple TCP program for a server that accepts lines of input from a client and prints the lines onto
  the server's standard output.

  Scenario: The server prints each line the client sends
    The server accepts the connection and reads the byte stream, printing each line as it arrives, prefixed
    with the client's address and port. Unlike the seed's server, which reads once (recv(1024)) and closes, it
    keeps reading until the client closes, so nothing after the first 1,024 bytes is lost (the next scenario
    shows it), and it serves each connection on its own thread, so a client that stays connected holds up no
    other.

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

  Scenario: Nothing after the first 1,024 bytes is lost
    Twenty lines of 65 bytes are 1,300 bytes: the seed's server, with its one recv(1024), would print
    the first 1,024 of them, cut in the middle of a line, and close. This server reads until the client
    closes, so the last line is printed whole.

    Given a line-printing server on port 2000
    When a TCP client sends these lines to port 2000:
      """
      line 01 of a request longer than the seed's one recv(1024) reads
      line 02 of a request longer than the seed's one recv(1024) reads
      line 03 of a request longer than the seed's one recv(1024) reads
      line 04 of a request longer than the seed's one recv(1024) reads
      line 05 of a request longer than the seed's one recv(1024) reads
      line 06 of a request longer than the seed's one recv(1024) reads
      line 07 of a request longer than the seed's one recv(1024) reads
      line 08 of a request longer than the seed's one recv(1024) reads
      line 09 of a request longer than the seed's one recv(1024) reads
      line 10 of a request longer than the seed's one recv(1024) reads
      line 11 of a request longer than the seed's one recv(1024) reads
      line 12 of a request longer than the seed's one recv(1024) reads
      line 13 of a request longer than the seed's one recv(1024) reads
      line 14 of a request longer than the seed's one recv(1024) reads
      line 15 of a request longer than the seed's one recv(1024) reads
      line 16 of a request longer than the seed's one recv(1024) reads
      line 17 of a request longer than the seed's one recv(1024) reads
      line 18 of a request longer than the seed's one recv(1024) reads
      line 19 of a request longer than the seed's one recv(1024) reads
      line 20 of a request longer than the seed's one recv(1024) reads
      """
    Then the server prints "line 01 of a request longer than the seed's one recv(1024) reads"
    And the server prints "line 20 of a request longer than the seed's one recv(1024) reads"

  Scenario: The browser's request, printed by the server it uses as its proxy
    The assignment's step 3: the browser's HTTP proxy is set to the server's host and port, so the browser sends
    its GET request message to the server instead of to the web server, and the server prints it. Through a proxy
    the request line names the whole URL (absolute form, "GET http://lab.test/ HTTP/1.1"), so the proxy knows
    where to forward it. The server only prints and never answers, so the page never loads: the browser waits,
    and is stopped once the request has been printed.

    Other systems: every browser sends the absolute form to an HTTP proxy; Chrome on Windows, as in the seed's
    screenshot, also sends its own background requests (CONNECT to Google's hosts) to the proxy.

    Given a line-printing server on port 2000
    When the browser uses the line-printing server on port 2000 as its proxy
    Then the server prints "GET http://lab.test/ HTTP/1.1"
