"""The process's pages, by family. Views are adapters: parse the request, call one service or
selector, render. Domain errors raised by services reach eia.middleware, which turns NotAllowed
into 403, Conflict into 409 and NotFound into 404 pages with their message; InvalidInput is
shown beside the form that caused it, with everything the user typed kept."""
