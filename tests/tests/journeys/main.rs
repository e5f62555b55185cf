//! Every journey in one test binary. Each of these files used to be its own binary, and each
//! linked the proxy, the simulator and reqwest again (185 MB apiece with debug info); seven of
//! them filled a CI disk at link time. One binary links once; `cargo test -p tether-tests
//! --test journeys <file>::` still runs one file's journeys.

mod a11y;
mod demo;
mod eni_detail;
mod enis;
mod portal;
mod shell;
mod terraform;
mod wizard;
