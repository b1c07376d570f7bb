"""Visualise the graph: networkx projections, an offline HTML viewer, Graphviz pictures, GraphML/GEXF, network figures."""
