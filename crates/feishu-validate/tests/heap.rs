//! The heap measurements of `feishu-validate`, in a binary of their own: dhat's statistics are
//! global to the process, so these run one after the other with no other test beside them
//! (no test harness either: its threads would allocate while a measurement runs). A failed
//! measurement panics, which fails `cargo test`.

mod allocation;
mod report_memory;
mod support;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

fn main() {
    allocation::a_clean_body_costs_allocations_by_depth_not_by_size();
    println!("heap: a clean body costs allocations by depth, not by size ... ok");
    report_memory::a_list_with_one_bad_app_is_reported_without_the_whole_tree();
    println!("heap: a list with one bad app is reported without the whole tree ... ok");
}
