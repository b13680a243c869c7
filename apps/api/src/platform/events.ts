/**
 * The platform's one event vocabulary. Modules publish what happened (after their transaction
 * commits); the notifications and realtime parts subscribe. Adding an event = adding a member
 * to `DomainEvent` here, so every producer and consumer agrees on its shape.
 */
export type DomainEvent =
  | {
      type: 'tracker.application.status_changed';
      userId: string;
      applicationId: string;
      jobId: string;
      jobTitle: string;
      company: string;
      from: string | null;
      to: string;
      at: Date;
    }
  | {
      type: 'tracker.application.interview_changed';
      userId: string;
      applicationId: string;
      jobTitle: string;
      company: string;
      /** The next interview, or null when it was cleared. */
      nextInterviewAt: Date | null;
      at: Date;
    }
  | {
      type: 'tracker.job.created';
      userId: string;
      jobId: string;
      title: string;
      company: string;
      location: string | null;
      techStack: string[];
      at: Date;
    }
  | {
      type: 'tracker.changed';
      userId: string;
      /** Which lists a client should refetch. */
      entities: ('jobs' | 'applications' | 'analytics' | 'skills')[];
      at: Date;
    }
  | {
      /**
       * New jobs were stored by create, bulkCreate or a CSV import (not by restore, which brings back
       * jobs the person already had). The tracker matches them against saved searches in a job.
       */
      type: 'tracker.jobs.added';
      userId: string;
      /** The new jobs' ids (create, bulkCreate: at most 1,000)… */
      jobIds?: string[];
      /** …or, for imports (up to 100,000 rows, inserted without returning ids), the one creation time all their rows share. */
      createdAt?: Date;
      source: 'create' | 'bulk' | 'import';
      at: Date;
    }
  | {
      /**
       * Published by the tracker when jobs it just stored match one of the person's saved searches:
       * one event per saved search and batch of new jobs (an import of 5,000 jobs is one event).
       */
      type: 'tracker.saved_search.matched';
      userId: string;
      savedSearchId: string;
      searchName: string;
      /** How many of the new jobs match. */
      count: number;
      /** The first few matching jobs (in the order they were sent; an import's by title), for the notification's wording. */
      jobs: { id: string; title: string; company: string }[];
      at: Date;
    }
  | {
      type: 'auth.new_device_sign_in';
      userId: string;
      device: string;
      ip: string | null;
      at: Date;
    }
  | {
      type: 'characters.changed';
      userId: string;
      characterId: string;
      at: Date;
    };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type EventHandler<T extends DomainEventType = DomainEventType> = (event: EventOf<T>) => void | Promise<void>;

export interface EventBus {
  /** Deliver to every local subscriber. Never throws: a failing handler is logged, not propagated. */
  publish(event: DomainEvent): Promise<void>;
  subscribe<T extends DomainEventType>(type: T | '*', handler: EventHandler<T>): () => void;
}

/** In-process bus. Handlers must be quick: slow work goes to the job queue. */
export function createEventBus(onHandlerError: (error: unknown, event: DomainEvent) => void): EventBus {
  const handlers = new Map<string, Set<EventHandler>>();
  return {
    async publish(event) {
      const targets = [...(handlers.get(event.type) ?? []), ...(handlers.get('*') ?? [])];
      await Promise.all(
        targets.map(async (handler) => {
          try {
            await handler(event);
          } catch (error) {
            onHandlerError(error, event);
          }
        }),
      );
    },
    subscribe(type, handler) {
      // Stored untyped: `publish` only hands a handler the events of the type it asked for.
      const untyped = handler as unknown as EventHandler;
      const set = handlers.get(type) ?? new Set<EventHandler>();
      set.add(untyped);
      handlers.set(type, set);
      return () => set.delete(untyped);
    },
  };
}
