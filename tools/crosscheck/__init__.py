"""A second, independently written generator of realistic weeks, for other brands and industries.

repmon's detector was tuned on ``tools.simulator``'s weeks of one airline. This package was written
without reading that simulator or the detection code, from the issue's description of a realistic
week and the observation format alone, to learn how the detector does on weeks generated
differently: a UK grocery delivery app (``basketly``, ~300 posts a day) and a US broadband and
mobile provider (``lumen``, ~1,800 a day), each with its own vocabulary, rhythm and polling.

Layout: ``model`` (posts, growth curves, sightings, ids), ``brands`` (what a brand is, slot
filling), ``basketly`` and ``lumen`` (the brands), ``week`` (ordinary traffic and the topic burst),
``incidents`` (spreading complaints and hard negatives), ``generate`` (one week), ``scorecard``.
"""
