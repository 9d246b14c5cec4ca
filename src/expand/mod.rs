//! Word expansion (XCU 2.6): tilde, parameters, command substitution, arithmetic, field
//! splitting, pathname expansion and quote removal, all over bytes.
