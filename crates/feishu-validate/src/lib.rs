//! feishu-validate (placeholder until its issue lands).
