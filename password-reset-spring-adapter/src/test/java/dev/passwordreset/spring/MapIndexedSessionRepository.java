package dev.passwordreset.spring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;

/** A map-based Spring Session repository indexed by principal name, for tests. */
final class MapIndexedSessionRepository implements FindByIndexNameSessionRepository<MapSession> {
  private final Map<String, MapSession> sessions = new ConcurrentHashMap<>();

  /** Adds a session signed in as the principal and returns its id. */
  String signIn(String principal) {
    MapSession session = new MapSession();
    session.setAttribute(PRINCIPAL_NAME_INDEX_NAME, principal);
    sessions.put(session.getId(), session);
    return session.getId();
  }

  boolean exists(String id) {
    return sessions.containsKey(id);
  }

  @Override
  public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String value) {
    return sessions.values().stream()
        .filter(s -> value.equals(s.getAttribute(indexName)))
        .collect(Collectors.toMap(MapSession::getId, s -> s));
  }

  @Override
  public MapSession createSession() {
    return new MapSession();
  }

  @Override
  public void save(MapSession session) {
    sessions.put(session.getId(), session);
  }

  @Override
  public MapSession findById(String id) {
    return sessions.get(id);
  }

  @Override
  public void deleteById(String id) {
    sessions.remove(id);
  }
}
