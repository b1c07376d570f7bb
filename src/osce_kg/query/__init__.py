"""Analysts' SPARQL: named, parameterised queries run on the embedded store or any SPARQL 1.1 endpoint.

`catalog` reads the queries/ folder, `params` types and binds parameters, `bounded` runs a bound
query on the embedded store within a time limit and a row cap (in a worker process; `policy` says
what a local query may not do: updates, SERVICE calls), `local` runs one in-process for trusted
callers, `remote` on an endpoint, `results` writes the answer in the standard formats
(`rdf_answer` makes a CONSTRUCT or DESCRIBE answer an rdflib graph, loaded for those only),
`push` uploads the store to a triplestore with the Graph Store Protocol.
"""
