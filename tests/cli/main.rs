//! The integration tests, one binary: each module drives the built `posdoctor` the way a
//! user or a script would (see `common`), or checks a contract of the library directly.
//! One binary links once, so the suite builds and starts faster than one binary per file.

mod bundle;
mod check;
mod code;
mod common;
mod crosscheck;
mod decode;
mod decode_emv;
mod decode_pcap;
mod discover;
mod doctor;
mod fix_no_profile;
mod fuzz_regressions;
mod generated;
mod guides;
mod hostile_input;
mod incident;
mod interactive;
mod iso8583;
mod iso_probe;
mod keys_sm4;
mod net;
mod net_http;
mod profile;
mod readme;
mod redaction;
mod redirects;
mod signals;
mod sim;
mod store;
mod tabular;
mod triage;
mod txn;
mod txn_status;
mod usage;
mod watch;
mod width;
mod zh_lint;
