"""The SolrCloud engine, write side: HTTP client, configset and collection set-up, writer,
and the dev cluster used by tests and demos."""
