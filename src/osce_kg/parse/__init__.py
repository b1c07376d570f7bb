"""Read OSCE web pages (text renderings and HTML) into plain records; no RDF here."""
