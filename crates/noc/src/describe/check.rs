//! Checking a reference letter against one unit group.
