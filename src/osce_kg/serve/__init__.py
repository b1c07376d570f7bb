"""`osce-kg serve`: the graph on the web, read-only and bounded.

A thin Starlette layer over one repository interface (`repository.Repository`) with two
implementations: the embedded store queried in worker processes that a timeout can kill
(`embedded`), and any SPARQL 1.1 endpoint (`remote`). The routes (`app`) never know which one
answers. `answers` writes query answers in the protocol's formats, the same code for both
backends; `describe` reads what the site shows of one IRI; `negotiation` picks formats.
"""
