"""Role understanding: from a profile's free text, skills and CV, the roles it most likely asks for, each with a
confidence and the evidence for it. The matcher ranks by them as a soft desired title when the profile names
none (``nploy.matching.matcher``); the pages and ``nploy match`` show them, correctable.
"""
