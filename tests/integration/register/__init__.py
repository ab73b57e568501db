"""The public register over HTTP, as an anonymous visitor: what is listed, found, filtered,
downloaded and refused. Modules follow `eia.register`'s concepts."""
