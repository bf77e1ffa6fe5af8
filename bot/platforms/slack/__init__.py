"""Slack: slack-bolt translated to and from the platform-neutral messages."""
