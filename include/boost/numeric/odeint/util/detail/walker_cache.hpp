/*
 boost/numeric/odeint/util/detail/walker_cache.hpp

 Caches that belong to whoever walks a solve, not to the object walked:

   walker_cache<T>   an optional T made on first use; a copy starts empty, so copying the
                     owner costs O(1) and no allocation, and copies never share the cache.
   typed_workspace   one object of a type chosen at the first use (a stepper learns the
                     system's buffer types only in do_step); asking for another type replaces
                     it. Copies start empty, as above.

 Steppers keep the driver increment, the control's cursor and the vector-field buffers of a
 driven system in a typed_workspace; virtual_brownian_tree keeps the cache of its own
 cursor-less queries in a walker_cache.

 Distributed under the Boost Software License, Version 1.0.
*/
#ifndef BOOST_NUMERIC_ODEINT_UTIL_DETAIL_WALKER_CACHE_HPP_INCLUDED
#define BOOST_NUMERIC_ODEINT_UTIL_DETAIL_WALKER_CACHE_HPP_INCLUDED

#include <memory>
#include <utility>

namespace boost {
namespace numeric {
namespace odeint {
namespace detail {

template <class T>
class walker_cache
{
public:
    walker_cache() = default;
    walker_cache(const walker_cache&) noexcept {}
    walker_cache(walker_cache&&) noexcept = default;
    walker_cache& operator=(const walker_cache&) noexcept
    {
        m_value.reset();
        return *this;
    }
    walker_cache& operator=(walker_cache&&) noexcept = default;

    /// The cached object, made by make() when there is none.
    template <class Make>
    T& get(Make&& make)
    {
        if (!m_value)
            m_value = std::make_unique<T>(std::forward<Make>(make)());
        return *m_value;
    }

    void clear() noexcept { m_value.reset(); }

private:
    std::unique_ptr<T> m_value;
};

class typed_workspace
{
public:
    typed_workspace() = default;
    typed_workspace(const typed_workspace&) noexcept {}
    typed_workspace(typed_workspace&&) noexcept = default;
    typed_workspace& operator=(const typed_workspace&) noexcept
    {
        clear();
        return *this;
    }
    typed_workspace& operator=(typed_workspace&&) noexcept = default;

    /// The held T, made by make() when the workspace is empty or holds another type;
    /// `made` is set to true when it was made by this call.
    template <class T, class Make>
    T& get(Make&& make, bool& made)
    {
        made = m_type != type_id<T>();
        if (made)
        {
            m_holder.reset();
            m_type = nullptr;
            m_holder = std::make_unique<holder<T>>(std::forward<Make>(make)());
            m_type = type_id<T>();
        }
        return static_cast<holder<T>&>(*m_holder).value;
    }

    void clear() noexcept
    {
        m_holder.reset();
        m_type = nullptr;
    }

private:
    struct holder_base
    {
        virtual ~holder_base() = default;
    };
    template <class T>
    struct holder final : holder_base
    {
        explicit holder(T&& v) : value(std::move(v)) {}
        T value;
    };

    // One address per type: a static of an inline function template is unique in a program.
    template <class T>
    static const void* type_id() noexcept
    {
        static const char id = 0;
        return &id;
    }

    std::unique_ptr<holder_base> m_holder;
    const void* m_type = nullptr;
};

} // namespace detail
} // namespace odeint
} // namespace numeric
} // namespace boost

#endif // BOOST_NUMERIC_ODEINT_UTIL_DETAIL_WALKER_CACHE_HPP_INCLUDED
