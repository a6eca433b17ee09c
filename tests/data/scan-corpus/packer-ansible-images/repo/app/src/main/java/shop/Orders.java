package shop; public class Orders { }
