"""The Streamlit side of nploy, besides the pages: one module per concern.

- ``loaders``: the process-wide resources (catalog, matcher, store, encoders), cached per dataset
  version and index build;
- ``text``: making listing and CV text inert for Markdown, skill chips and their CSS;
- ``widgets``: the match card, the sidebar, error display, empty states;
- ``pickers``: one-click profile changes beside the matches (a title, the skills read, the role ranked as);
- ``profile_state``: who is looking (sign-in or a profile's private link), sample profiles, the current profile;
- ``profile_form``: the Profile form, drawn from the profile's field declaration;
- ``session``: per-session caches of matches and the swipe feed.

The ``nploy`` package never imports Streamlit; pages import what they use from here.
"""
