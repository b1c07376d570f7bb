"""Analysts' SPARQL: named, parameterised queries run on the embedded store or any SPARQL 1.1 endpoint.

`catalog` reads the queries/ folder, `params` types and binds parameters, `local` and `remote`
run a bound query, `results` writes the answer in the standard formats, `push` uploads the store
to a triplestore with the Graph Store Protocol.
"""
