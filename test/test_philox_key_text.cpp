// Reading a Philox engine back from text rejects negative numbers: "-1" is not a key word
// (operator>> of an unsigned type would take it as 2^32 - 1), and the engine is left
// unchanged with the stream's failbit set (issue 20).
#include <boost/random/philox.hpp>

#include <sstream>
#include <string>

#include <catch2/catch.hpp>

using boost::random::philox4x32;

namespace {

/// Reads `text` into a copy of `engine`; true when the read succeeded.
bool read(const std::string& text, philox4x32& engine)
{
    std::istringstream in(text);
    in >> engine;
    return !in.fail();
}

} // namespace

TEST_CASE("A Philox engine read from text rejects a negative number in any field")
{
    const philox4x32 original(12345);
    for (const std::string text : {"-1 7 0 0 0", "3 -1 0 0 0", "3 7 -2 0 0", "3 7 0 -5 0",
                                   "3 7 0 0 -1", " -0 7 0 0 0"})
    {
        INFO(text);
        philox4x32 engine = original;
        CHECK_FALSE(read(text, engine));
        CHECK(engine == original);
    }
}

TEST_CASE("A Philox engine written as text reads back equal")
{
    philox4x32 engine(987654321);
    engine.discard(7);
    std::ostringstream out;
    out << engine;
    philox4x32 copy;
    REQUIRE(read(out.str(), copy));
    CHECK(copy == engine);
    CHECK(copy() == engine());
    philox4x32 large;
    REQUIRE(read("4294967295 4294967295 18446744073709551615 18446744073709551615 3", large));
}
