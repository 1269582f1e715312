@points=1
Feature: Part 1 - the UDP uppercase client and server
  Install and compile the Python programs (here: their Java twins), run the UDP server, then the UDP client,
  and type a lowercase sentence: the server answers with the sentence in upper case.

  Scenario: The UDP client gets its sentence back in upper case
    The server waits on port 12000 for datagrams. The client puts the whole sentence into one datagram
    addressed to 127.0.0.1:12000, and the server answers the address the datagram came from. No connection
    is set up first: each datagram stands on its own.

    Given a UDP uppercase server on port 12000
    When the UDP client sends "asmaa gamal nagy" to port 12000
    Then the client receives "ASMAA GAMAL NAGY"
    And the client prints "Input lowercase sentence:asmaa gamal nagy"
    And the client prints "ASMAA GAMAL NAGY"
    And the server prints "The server is ready to receive"

  Scenario: Text beyond ASCII survives the round trip
    Both programs encode text as UTF-8 and upper-case it with the language-neutral rules (Locale.ROOT):
    "ß" becomes "SS", the ligature "ﬁ" becomes "FI", and Arabic, which has no letter case, comes back unchanged.
    A Turkish default locale would otherwise turn "i" into "İ".

    Given a UDP uppercase server on port 12000
    When the UDP client sends "straße ﬁle quit أسماء" to port 12000
    Then the client receives "STRASSE FILE QUIT أسماء"
