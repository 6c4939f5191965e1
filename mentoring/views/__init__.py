"""Mentoring pages. Views parse input, call services and selectors, and render."""
