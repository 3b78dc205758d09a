"""The public web site (layer 2b, above who, render and exchange): ``weibao site --out DIR`` builds static pages —
who is responsible (answered in the browser by who.js from the same index as the CLI), unit pages, the topic × unit
matrix, the office rules, the meeting calendar and the public documents — holding only what ``export --public``
allows."""
