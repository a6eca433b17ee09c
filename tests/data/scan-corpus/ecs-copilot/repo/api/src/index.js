require("fastify")().listen({ port: 3000 });
