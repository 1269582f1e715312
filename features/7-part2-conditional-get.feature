Feature: Part 2 - does the browser send conditional GETs for cached objects?
  Compile and execute your program. In a web browser, set the proxy server to the host that runs your server
  program, with its port number. Your browser now sends its GET request messages to your server, which displays
  them on its standard output. Use this platform to determine whether your browser generates conditional GET
  messages for objects that are locally cached.

  Here the "server program" is socket-lab's logging proxy: it prints every request exactly as received, like the
  line-printing server, and also forwards it to the lab's own web server (the origin), so the page really loads
  and gets cached. The browser is headless Chromium, or Apache HttpClient's caching client where no browser is
  installed. The page is http://lab.test/, with a stylesheet and an image; every object carries an ETag and a
  Last-Modified date.

  @points=2
  Scenario: Chromium revalidates its cached objects with conditional GETs
    Yes. On the first load the cache is empty: plain GETs, answered 200 with the objects, their ETag and their
    Last-Modified date, which the browser stores. With "Cache-Control: no-cache" the browser may keep the
    objects but must ask the origin before using them again, so the second load sends conditional GETs:
    If-None-Match carries the ETag and If-Modified-Since the date it was given. The objects have not changed,
    so the origin answers "304 Not Modified" with no body, and the browser uses its cached copies. That saves
    the bytes of the objects, though not the round trips.

    Other systems: every mainstream browser (Chrome, Edge, Firefox, Safari) revalidates this way on Windows and
    macOS as well; the seed's Chrome on Windows sent If-None-Match and If-Modified-Since too. A reload button
    adds "Cache-Control: max-age=0" to the page's own request.

    Given the lab origin sends "Cache-Control: no-cache"
    And Chromium as the browser
    When the browser loads the page twice
    Then the first load sends plain GETs answered 200
    And the second load sends conditional GETs answered 304
    And the second load's requests carry "If-None-Match"
    And the second load's requests carry "If-Modified-Since"
    And a packet on the wire carries "If-None-Match"

  Scenario Outline: Chromium and the origin's Cache-Control: <cache control>
    Whether the browser asks again depends on what the origin said about freshness. "no-cache" and "max-age=0"
    both mean "stored, but stale at once": the second load revalidates with conditional GETs. "max-age=3600"
    means "fresh for an hour": the browser uses its copy without asking, so no request reaches the proxy at all
    and the line-printing server would see nothing. "no-store" forbids keeping the objects: every load starts
    from nothing with plain GETs.

    Given the lab origin sends "Cache-Control: <cache control>"
    And Chromium as the browser
    When the browser loads the page twice
    Then the first load sends plain GETs answered 200
    And the second load sends <second load>

    Examples:
      | cache control | second load                    |
      | no-cache      | conditional GETs answered 304  |
      | max-age=0     | conditional GETs answered 304  |
      | max-age=3600  | no request at all              |
      | no-store      | plain GETs answered 200        |

  Scenario Outline: An HTTP caching library and the origin's Cache-Control: <cache control>
    Apache HttpClient's caching client (httpclient5-cache) is a real HTTP cache, so the experiment runs where no
    browser is installed. It follows the same rules as the browser with one difference worth knowing: it never
    stores a response whose freshness lifetime is zero, so with "max-age=0" it has nothing to revalidate and
    sends plain GETs again, where Chromium sends conditional ones. Caches may differ in what they store; the
    conditional GET is how they all revalidate what they did store.

    Given the lab origin sends "Cache-Control: <cache control>"
    And the caching client as the browser
    When the browser loads the page twice
    Then the first load sends plain GETs answered 200
    And the second load sends <second load>

    Examples:
      | cache control | second load                    |
      | no-cache      | conditional GETs answered 304  |
      | max-age=0     | plain GETs answered 200        |
      | max-age=3600  | no request at all              |
      | no-store      | plain GETs answered 200        |
