"""The SolrCloud engine, read side: plans translated to Solr requests (``translate``), and
the ``Reader`` over one collection (``reader``)."""
