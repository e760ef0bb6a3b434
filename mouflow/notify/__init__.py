"""Notifications: which events are worth telling each party about, and how they are sent."""
