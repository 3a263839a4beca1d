"""Diplomatic timeline: news articles -> dated events -> an interactive timeline."""
